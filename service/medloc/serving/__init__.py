"""The serving stage: localized articles to readers, from the catalogs the pipeline wrote.

* :mod:`medloc.serving.negotiate`: which locale a reader gets (``Accept-Language`` under
  RFC 4647 lookup with CLDR likely subtags and parents, never across scripts).
* :mod:`medloc.serving.plan`: the fallback plan of one article in one locale, which language
  each block and each safety section comes from, and why (a risks or disclaimer section is
  never mixed).
* :mod:`medloc.serving.render`: the HTML of a plan, sanitized last.
* :mod:`medloc.serving.web`: the Flask service (:func:`~medloc.serving.web.create_app`, run by
  ``medloc serve``): degrades rather than falls on a bad input file, and takes changed
  content and catalogs while it serves (generations). Its settings are the ``[serve]`` table
  of ``medloc.toml``. See ``docs/web.md``.
"""
