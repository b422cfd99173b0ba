// DataImportTests: tests replace this file.
