// SOQLTests: tests replace this file.
