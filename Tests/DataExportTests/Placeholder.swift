// DataExportTests: tests replace this file.
