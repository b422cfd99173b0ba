// EndToEndTests: tests replace this file.
