"""The source stage: the articles in ``content/`` as the pipeline reads them.

Its public face is its four modules, each imported by name:

* :mod:`medloc.source.content`: the article files (front matter, body, ids);
* :mod:`medloc.source.markdown`: the parsed document (sections, roles, blocks);
* :mod:`medloc.source.extract`: the messages of an article (the Babel extractor);
* :mod:`medloc.source.rules`: what a document must hold to be served (its required sections).
"""

from __future__ import annotations

from . import content, extract, markdown, rules

__all__ = ["content", "extract", "markdown", "rules"]
