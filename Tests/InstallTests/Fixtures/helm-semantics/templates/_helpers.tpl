{{- define "semantics.name" -}}{{ .Chart.Name }}-{{ .Chart.Version }}{{- end -}}
