"""Forms: `public` for applicants, `staff` for case officers."""
