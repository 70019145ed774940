// Command render-chart renders a Helm 3 chart the way `helm template` does, for tests on
// machines where Helm itself cannot be installed.
//
// It uses the same building blocks as Helm: Go's text/template, Masterminds/sprig (Debian's
// golang-github-masterminds-sprig-dev), sigs.k8s.io/yaml for values and toYaml, and
// xeipuuv/gojsonschema for values.schema.json (the validator Helm 3 used up to 3.17). It adds
// Helm's own functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup) and
// the built-in objects (.Values, .Release, .Chart, .Capabilities, .Template, .Files).
//
// Usage:
//
//	render-chart --chart DIR [--values FILE]... [--release-name NAME] [--namespace NS]
//	             [--api-versions GROUP/VERSION]... [--include-crds]
//
// The manifests go to standard output as one YAML stream with `# Source:` comments, like
// `helm template`. Bad values (schema violations, `required` failures) exit 1 with Helm's
// message on standard error.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var valueFiles, apiVersions stringList
	chartDir := flag.String("chart", "", "chart directory (required)")
	releaseName := flag.String("release-name", "ballast", "release name (.Release.Name)")
	namespace := flag.String("namespace", "default", "release namespace (.Release.Namespace)")
	includeCRDs := flag.Bool("include-crds", false, "prepend the chart's crds/ files")
	flag.Var(&valueFiles, "values", "values file merged over the chart's values.yaml (repeatable)")
	flag.Var(&apiVersions, "api-versions", "extra API version for .Capabilities.APIVersions (repeatable)")
	flag.Parse()
	if *chartDir == "" {
		fmt.Fprintln(os.Stderr, "Error: --chart is required")
		os.Exit(2)
	}

	chart, err := loadChart(*chartDir)
	if err == nil {
		var values map[string]interface{}
		values, err = loadValues(chart, valueFiles)
		if err == nil {
			release := releaseInfo{Name: *releaseName, Namespace: *namespace}
			var out string
			out, err = render(chart, values, release, apiVersions, *includeCRDs)
			if err == nil {
				fmt.Print(out)
				return
			}
		}
	}
	fmt.Fprintf(os.Stderr, "Error: %v\n", err)
	os.Exit(1)
}
