// RSASigningTests: tests replace this file.
