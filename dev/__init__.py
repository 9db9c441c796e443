"""What develops the handbook and is not part of it (the wheel does not ship this folder): setting up a
machine (bootstrap.sh), the local GitHub Pages server and headless Chromium of the browser tests and
the benchmarks, the page-weight meter, the benchmarks, and the editors' text checker."""
