// RequestSchedulerTests: tests replace this file.
