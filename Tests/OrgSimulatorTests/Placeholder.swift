// OrgSimulatorTests: tests replace this file.
