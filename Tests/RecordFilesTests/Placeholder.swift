// RecordFilesTests: tests replace this file.
