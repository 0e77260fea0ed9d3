{{/* Chart name, or nameOverride. */}}
{{- define "timpani.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: fullnameOverride, or <release>-<chart> (just <release> when it holds the chart name). */}}
{{- define "timpani.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "timpani.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Standard labels of every object. */}}
{{- define "timpani.labels" -}}
helm.sh/chart: {{ include "timpani.chart" . }}
{{ include "timpani.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: model-server
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the pods; never change them on upgrade (a Deployment's selector is immutable). */}}
{{- define "timpani.selectorLabels" -}}
app.kubernetes.io/name: {{ include "timpani.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Timpani image reference. */}}
{{- define "timpani.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* Where the model folder is mounted (CODE_DIR). */}}
{{- define "timpani.codeDir" -}}
/opt/code
{{- end }}

{{/* A value as a string, "" for null: labels may be numbers (0 / 1), which `with` alone would drop. */}}
{{- define "timpani.string" -}}
{{- if not (kindIs "invalid" .) }}{{ toString . }}{{ end }}
{{- end }}

{{/* An emptyDir source, with the given sizeLimit when not empty. */}}
{{- define "timpani.emptyDir" -}}
{{- if . }}{sizeLimit: {{ . }}}{{ else }}{}{{ end }}
{{- end }}

{{/* The model folder's mount at CODE_DIR, read-only (the Timpani container and the install-requirements init container). */}}
{{- define "timpani.modelMount" -}}
- name: model
  mountPath: {{ include "timpani.codeDir" . }}
  readOnly: true
  {{- if and (eq .Values.model.source "pvc") .Values.model.pvc.subPath }}
  subPath: {{ .Values.model.pvc.subPath | quote }}
  {{- end }}
{{- end }}
