package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

// releaseInfo is .Release.
type releaseInfo struct {
	Name      string
	Namespace string
}

// apiVersionSet is .Capabilities.APIVersions, with Helm's Has method.
type apiVersionSet []string

// Has reports whether the cluster serves `version` ("group/version" or "group/version/Kind").
func (s apiVersionSet) Has(version string) bool {
	for _, v := range s {
		if v == version {
			return true
		}
	}
	return false
}

// defaultAPIVersions are what a Kubernetes 1.20 API server serves and the chart may ask about.
var defaultAPIVersions = []string{
	"v1", "apps/v1", "autoscaling/v1", "autoscaling/v2beta2", "policy/v1beta1",
	"rbac.authorization.k8s.io/v1", "networking.k8s.io/v1", "coordination.k8s.io/v1",
	"apiextensions.k8s.io/v1", "ballast.dev/v1alpha1",
}

// files is .Files, with Helm's Get.
type files map[string][]byte

// Get returns the file's text, or "" when it does not exist (as Helm).
func (f files) Get(name string) string { return string(f[name]) }

// render executes every template (partials `_*` and NOTES.txt excluded from the output) in
// name order and returns the stream `helm template` would print.
func render(c *chart, values map[string]interface{}, release releaseInfo, extraAPIs []string, includeCRDs bool) (string, error) {
	t := template.New("gotpl").Option("missingkey=zero")
	t.Funcs(funcMap(t))
	names := make([]string, 0, len(c.templates))
	for name := range c.templates {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := t.New(name).Parse(c.templates[name]); err != nil {
			return "", fmt.Errorf("parse error in %q: %w", name, err)
		}
	}
	top := map[string]interface{}{
		"Values": values,
		"Release": map[string]interface{}{
			"Name": release.Name, "Namespace": release.Namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Chart":        chartObject(c.metadata),
		"Capabilities": capabilities(extraAPIs),
		"Files":        files(c.files),
	}
	var out strings.Builder
	if includeCRDs {
		for _, crd := range c.crds {
			fmt.Fprintf(&out, "---\n# Source: %s/%s\n%s", c.name, crd.name, ensureNewline(string(crd.data)))
		}
	}
	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue
		}
		top["Template"] = map[string]interface{}{"Name": name, "BasePath": c.name + "/templates"}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, top); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s", name, ensureNewline(text))
	}
	return out.String(), nil
}

func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// chartObject maps Chart.yaml's keys to Helm's .Chart field names (name -> Name, ...).
func chartObject(metadata map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range metadata {
		out[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return out
}

func capabilities(extra []string) map[string]interface{} {
	return map[string]interface{}{
		"KubeVersion": map[string]interface{}{
			"Version": "v1.20.2", "GitVersion": "v1.20.2", "Major": "1", "Minor": "20",
		},
		"APIVersions": apiVersionSet(append(append([]string{}, defaultAPIVersions...), extra...)),
	}
}

// funcMap is sprig's text functions without env access, plus Helm's own functions.
func funcMap(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	includedNames := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		if includedNames[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		includedNames[name]++
		defer func() { includedNames[name]-- }()
		var buf bytes.Buffer
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := t.Clone()
		if err != nil {
			return "", err
		}
		parsed, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf bytes.Buffer
		err = parsed.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	f["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, fmt.Errorf("%s", message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, fmt.Errorf("%s", message)
		}
		return value, nil
	}
	f["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}
