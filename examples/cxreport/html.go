package main

import "errors"

// writeHTMLFile writes the report as a self-contained HTML page.
func writeHTMLFile(path string, r *Report) error {
	return errors.New("-html: not written yet")
}
