"""PDF handouts: an article as a printable leaflet per locale, or in two languages side by side.

The same rendition as the page (:meth:`medloc.serving.web.library.Library.rendition`: one
plan, one renderer), laid out for print (:mod:`.view`, :mod:`.layout`, ``handout.css``) and
made into a tagged PDF by WeasyPrint (:mod:`.engine`, the optional ``pdf`` extra). The
service serves them from a per-generation cache through a bounded render gate
(:mod:`.handouts`, :mod:`.gate`) at ``/<locale>/articles/<slug>.pdf`` (:mod:`.web`);
``medloc handout`` writes one to a file. See docs/handouts.md.

This package imports nothing on import: the app factory and the command import the modules
they use (the web package and this one refer to each other).
"""
