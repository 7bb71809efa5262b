"""Infrastructure every other package stands on: errors, where files are, the cache, YAML loading and
checking, "did you mean", the one atomic file writer and the one text normalizer.  Imports nothing
of ybguide's other packages."""
