// GzipStreamsTests: tests replace this file.
