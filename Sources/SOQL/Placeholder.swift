// SOQL: the module's sources replace this file.
