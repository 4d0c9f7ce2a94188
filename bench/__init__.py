"""Benchmarks of medloc: requests against a static-file baseline, and pipeline scale.

Run ``.venv/bin/python -m bench.run`` (``--quick`` for a few minutes); see the README's
*Performance* section. Nothing here is imported by the product.
"""
