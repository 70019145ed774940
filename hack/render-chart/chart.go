package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// chart is a chart directory loaded into memory: metadata, default values, schema, templates,
// CRDs and every other file (for .Files.Get).
type chart struct {
	metadata  map[string]interface{}
	name      string
	values    map[string]interface{}
	schema    []byte
	templates map[string]string // "<chart>/templates/<file>" -> text
	crds      []namedFile
	files     map[string][]byte // relative path -> bytes
}

type namedFile struct {
	name string
	data []byte
}

func loadChart(dir string) (*chart, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reading Chart.yaml: %w", err)
	}
	c := &chart{templates: map[string]string{}, files: map[string][]byte{}}
	if err := yaml.Unmarshal(raw, &c.metadata); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	name, _ := c.metadata["name"].(string)
	if name == "" {
		return nil, fmt.Errorf("Chart.yaml: validation: chart.metadata.name is required")
	}
	c.name = name
	if raw, err := os.ReadFile(filepath.Join(dir, "values.yaml")); err == nil {
		if err := yaml.Unmarshal(raw, &c.values); err != nil {
			return nil, fmt.Errorf("values.yaml: %w", err)
		}
	}
	if c.values == nil {
		c.values = map[string]interface{}{}
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "values.schema.json")); err == nil {
		c.schema = raw
	}
	err = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(rel, "templates/"):
			c.templates[name+"/"+rel] = string(data)
		case strings.HasPrefix(rel, "crds/"):
			c.crds = append(c.crds, namedFile{name: rel, data: data})
		default:
			c.files[rel] = data
		}
		return nil
	})
	sort.Slice(c.crds, func(i, j int) bool { return c.crds[i].name < c.crds[j].name })
	return c, err
}
