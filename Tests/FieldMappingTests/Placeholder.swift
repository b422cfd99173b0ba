// FieldMappingTests: tests replace this file.
