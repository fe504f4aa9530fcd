"""The site build: Sphinx runs per language and version, caches, the manifest, root page,
sitemap and 404 pages, the search index, offline copies and the preview server.

It computes what pages show about releases, citations and translation progress and hands
it to the Sphinx extension as data; it may import every layer below the command line."""
