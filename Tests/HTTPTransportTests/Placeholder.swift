// HTTPTransportTests: tests replace this file.
