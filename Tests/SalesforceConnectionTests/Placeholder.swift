// SalesforceConnectionTests: tests replace this file.
