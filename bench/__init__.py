"""`make bench`: a generated corpus, and the tool measured against ripgrep and plain MkDocs on it."""
