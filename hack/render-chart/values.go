package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/xeipuuv/gojsonschema"
	"sigs.k8s.io/yaml"
)

// loadValues coalesces the user's values files over the chart's defaults (later files win;
// a null deletes a default, as in Helm) and validates the result against values.schema.json.
func loadValues(c *chart, files []string) (map[string]interface{}, error) {
	values := c.values
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var user map[string]interface{}
		if err := yaml.Unmarshal(raw, &user); err != nil {
			return nil, fmt.Errorf("failed to parse %s: %w", file, err)
		}
		values = coalesce(user, values)
	}
	return values, validate(c, values)
}

// coalesce returns dst's defaults overlaid by src: maps merge recursively, anything else in src
// replaces, and a null in src removes the key.
func coalesce(src, dst map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range dst {
		out[k] = v
	}
	for k, v := range src {
		if v == nil {
			delete(out, k)
			continue
		}
		srcMap, srcIsMap := v.(map[string]interface{})
		dstMap, dstIsMap := out[k].(map[string]interface{})
		if srcIsMap && dstIsMap {
			out[k] = coalesce(srcMap, dstMap)
		} else {
			out[k] = v
		}
	}
	return out
}

// validate reports every schema violation the way Helm does:
// "values don't meet the specifications of the schema(s) in the following chart(s):".
func validate(c *chart, values map[string]interface{}) error {
	if c.schema == nil {
		return nil
	}
	valuesJSON, err := json.Marshal(values)
	if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(c.schema), gojsonschema.NewBytesLoader(valuesJSON))
	if err != nil {
		return fmt.Errorf("values.schema.json: %w", err)
	}
	if result.Valid() {
		return nil
	}
	var b strings.Builder
	for _, problem := range result.Errors() {
		fmt.Fprintf(&b, "- %s\n", problem)
	}
	return fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%s", c.name, b.String())
}
