{{/* Chart name, shortened to the 63 characters a DNS label allows. */}}
{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources; a release already named after the chart is not repeated. */}}
{{- define "switchboard.fullname" -}}
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

{{/* Name of a companion resource: the full name plus a suffix, kept within 63 characters. */}}
{{- define "switchboard.suffixed" -}}
{{- $base := include "switchboard.fullname" .root | trunc (int (sub 62 (len .suffix))) | trimSuffix "-" }}
{{- printf "%s-%s" $base .suffix }}
{{- end }}

{{/* Chart name and version for the helm.sh/chart label. */}}
{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the gateway's pods; never change them, Deployment selectors are immutable. */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every resource: the selector labels plus version and ownership. */}}
{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference; a digest, when given, pins the image and replaces the tag. */}}
{{- define "switchboard.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret holding the admin credentials: the given one, or the chart's. */}}
{{- define "switchboard.adminSecretName" -}}
{{- default (include "switchboard.suffixed" (dict "root" . "suffix" "admin")) .Values.admin.existingSecret }}
{{- end }}

{{/*
The enabled data-plane listeners as a YAML list of {name, port, protocol}. The name is the
listener's name in the application and doubles as the container and Service port name.
*/}}
{{- define "switchboard.listeners" -}}
{{- $l := .Values.listeners }}
{{- $all := list
      (dict "name" "sea" "values" $l.sea "protocol" "TCP")
      (dict "name" "http" "values" $l.http "protocol" "TCP")
      (dict "name" "http-legacy" "values" $l.httpLegacy "protocol" "TCP")
      (dict "name" "example-tcp" "values" $l.exampleTcp "protocol" "TCP")
      (dict "name" "example-udp" "values" $l.exampleUdp "protocol" "UDP") }}
{{- $enabled := list }}
{{- range $all }}
{{- if .values.enabled }}
{{- $enabled = append $enabled (dict "name" .name "port" .values.port "protocol" .protocol) }}
{{- end }}
{{- end }}
{{- $used := dict (toString .Values.management.port) "management" }}
{{- range $enabled }}
{{- $key := toString .port }}
{{- if hasKey $used $key }}
{{- fail (printf "listeners: %s and %s both use port %v" (get $used $key) .name .port) }}
{{- end }}
{{- $_ := set $used $key .name }}
{{- end }}
{{- toYaml $enabled }}
{{- end }}

{{/* terminationGracePeriodSeconds: preStop sleep, then the drain, then time to close and exit. */}}
{{- define "switchboard.terminationGracePeriodSeconds" -}}
{{- $s := .Values.shutdown }}
{{- add $s.preStopSleepSeconds $s.drainTimeoutSeconds $s.extraGracePeriodSeconds }}
{{- end }}

{{/*
The application.yml the ConfigMap carries. config.extra goes in first so that the chart's own keys
win: the ports here must match the container ports and Services rendered from the same values.
The embedded web server (server.port) serves only the management plane: Actuator and Prometheus.
*/}}
{{- /* The example protocol binds loopback by default (as its reference); in a pod it must bind every
     interface for its Service to reach it. QUIT stays loopback-only unless configured otherwise. */ -}}
{{- define "switchboard.applicationYaml" -}}
{{- $l := .Values.listeners }}
{{- $chart := dict
  "switchboard" (dict
    "sea" (dict "listener" (dict "enabled" $l.sea.enabled "port" $l.sea.port))
    "http" (dict "listeners" (dict
        "http" (dict "enabled" $l.http.enabled "port" $l.http.port)
        "http-legacy" (dict "enabled" $l.httpLegacy.enabled "port" $l.httpLegacy.port)))
    "example" (dict "listeners" (dict
        "tcp" (dict "enabled" $l.exampleTcp.enabled "port" $l.exampleTcp.port "host" "0.0.0.0")
        "udp" (dict "enabled" $l.exampleUdp.enabled "port" $l.exampleUdp.port "host" "0.0.0.0")))
    "shutdown" (dict "drain-timeout" (printf "%ds" (int .Values.shutdown.drainTimeoutSeconds))))
  "server" (dict "port" .Values.management.port)
  "spring" (dict
    "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int (add .Values.shutdown.drainTimeoutSeconds 10))))) }}
{{- toYaml (mustMergeOverwrite (deepCopy .Values.config.extra) $chart) }}
{{- end }}
