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
    "shutdown" (dict "drain-timeout" (printf "%ds" (int .Values.shutdown.drainTimeoutSeconds)))
    "cluster" (include "switchboard.clusterSettings" . | fromYaml))
  "server" (dict "port" .Values.management.port)
  "spring" (dict
    "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int (add .Values.shutdown.drainTimeoutSeconds 10))))) }}
{{- toYaml (mustMergeOverwrite (deepCopy .Values.config.extra) $chart) }}
{{- end }}

{{/*
resources.limits.memory in whole MiB (rounded down). The schema admits Kubernetes quantities
written as strings: plain bytes, binary suffixes Ki/Mi/Gi/Ti, decimal suffixes k/K/M/G/T.
*/}}
{{- define "switchboard.memoryLimitMiB" -}}
{{- $limit := toString (dig "limits" "memory" "" (.Values.resources | default dict)) }}
{{- if not $limit }}
{{- fail "resources.limits.memory is required: the JVM's heap and direct-memory caps are computed from it" }}
{{- end }}
{{- $number := regexReplaceAll "[A-Za-z]+$" $limit "" }}
{{- $suffix := regexReplaceAll "^[0-9.]+" $limit "" }}
{{- $bytesPer := dict "" 1.0 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0 "k" 1000.0 "K" 1000.0 "M" 1000000.0 "G" 1000000000.0 "T" 1000000000000.0 }}
{{- floor (divf (mulf (float64 $number) (get $bytesPer $suffix)) 1048576.0) | int }}
{{- end }}

{{/*
The JVM memory budget in MiB, as YAML: limit, heap, direct, metaspace, codeCache and native (what
remains). Fails when the remainder is below jvm.nativeReserveMiB, naming every figure.
*/}}
{{- define "switchboard.memoryBudget" -}}
{{- $jvm := .Values.jvm }}
{{- $limit := include "switchboard.memoryLimitMiB" . | int }}
{{- $heap := div (mul $limit (int $jvm.heapPercent)) 100 }}
{{- $direct := div (mul $limit (int $jvm.directMemoryPercent)) 100 }}
{{- $metaspace := int $jvm.maxMetaspaceMiB }}
{{- $codeCache := int $jvm.codeCacheMiB }}
{{- $native := sub (sub (sub (sub $limit $heap) $direct) $metaspace) $codeCache }}
{{- if lt $native (int $jvm.nativeReserveMiB) }}
{{- fail (printf "jvm: memory limit %d MiB - heap %d MiB (%d%%) - direct %d MiB (%d%%) - metaspace %d MiB - code cache %d MiB leaves %d MiB, below jvm.nativeReserveMiB (%d MiB) for GC structures, thread stacks and malloc; raise resources.limits.memory or lower the percentages" $limit $heap (int $jvm.heapPercent) $direct (int $jvm.directMemoryPercent) $metaspace $codeCache $native (int $jvm.nativeReserveMiB)) }}
{{- end }}
{{- toYaml (dict "limit" $limit "heap" $heap "direct" $direct "metaspace" $metaspace "codeCache" $codeCache "native" $native) }}
{{- end }}

{{/* JAVA_TOOL_OPTIONS from the memory budget; jvm.extraOptions come last so that they win. */}}
{{- define "switchboard.javaToolOptions" -}}
{{- $b := include "switchboard.memoryBudget" . | fromYaml }}
{{- $options := list
      (printf "-XX:+Use%sGC" .Values.jvm.gc)
      (printf "-Xmx%dm" (int $b.heap))
      (printf "-XX:MaxDirectMemorySize=%dm" (int $b.direct))
      (printf "-XX:MaxMetaspaceSize=%dm" (int $b.metaspace))
      (printf "-XX:ReservedCodeCacheSize=%dm" (int $b.codeCache))
      "-XX:+ExitOnOutOfMemoryError" }}
{{- with .Values.jvm.extraOptions }}
{{- $options = append $options . }}
{{- end }}
{{- join " " $options }}
{{- end }}

{{/* A Prometheus duration such as 1m30s or 500ms, in milliseconds. */}}
{{- define "switchboard.durationMillis" -}}
{{- $millisPer := dict "ms" 1 "s" 1000 "m" 60000 "h" 3600000 }}
{{- $total := 0 }}
{{- range regexFindAll "[0-9]+(ms|s|m|h)" . -1 }}
{{- $unit := regexReplaceAll "^[0-9]+" . "" }}
{{- $total = add $total (mul (regexReplaceAll "[a-z]+$" . "" | int) (get $millisPer $unit)) }}
{{- end }}
{{- $total }}
{{- end }}

{{/*
Checks across values that the schema cannot express; every template that always renders includes
this, so `helm template`, `install` and `lint` all stop with the reason.
*/}}
{{- define "switchboard.validate" -}}
{{- $cluster := .Values.cluster }}
{{- if and (gt (int .Values.replicaCount) 1) (eq $cluster.engine "local") }}
{{- fail (printf "replicaCount %d with cluster.engine local: the local engine keeps everything inside one pod, so each pod would hold its own SEA roster, rooms, bans, blacklist and settings, and users connected to different pods could not see or message each other. More than one replica needs cluster.engine redis (with cluster.redis.url, or redis.enabled for the in-chart Redis); otherwise use replicaCount 1." (int .Values.replicaCount)) }}
{{- end }}
{{- if eq $cluster.engine "redis" }}
{{- if and (not $cluster.redis.url) (not .Values.redis.enabled) }}
{{- fail "cluster.engine redis needs a Redis: set cluster.redis.url, or redis.enabled for the in-chart Redis" }}
{{- end }}
{{- if and $cluster.redis.url .Values.redis.enabled }}
{{- fail "cluster.redis.url and redis.enabled are both set: the gateway would use one Redis and the chart deploy another; keep one" }}
{{- end }}
{{- else if .Values.redis.enabled }}
{{- fail "redis.enabled deploys a Redis, but cluster.engine is local and no pod would use it; set cluster.engine redis or leave redis.enabled false" }}
{{- end }}
{{- if le (include "switchboard.durationMillis" $cluster.nodeTimeout | int) (include "switchboard.durationMillis" $cluster.heartbeatInterval | int) }}
{{- fail (printf "cluster.nodeTimeout %s must be longer than cluster.heartbeatInterval %s, or every pod would be declared dead between two heartbeats" $cluster.nodeTimeout $cluster.heartbeatInterval) }}
{{- end }}
{{- range $name, $probe := .Values.probes }}
{{- if gt (int $probe.timeoutSeconds) (int $probe.periodSeconds) }}
{{- fail (printf "probes.%s: timeoutSeconds (%d) exceeds periodSeconds (%d); a check would still be running when the next one starts" $name (int $probe.timeoutSeconds) (int $probe.periodSeconds)) }}
{{- end }}
{{- end }}
{{- $monitor := .Values.monitoring.serviceMonitor }}
{{- if gt (include "switchboard.durationMillis" $monitor.scrapeTimeout | int) (include "switchboard.durationMillis" $monitor.interval | int) }}
{{- fail (printf "monitoring.serviceMonitor: scrapeTimeout %s exceeds interval %s; Prometheus refuses such a scrape configuration" $monitor.scrapeTimeout $monitor.interval) }}
{{- end }}
{{- $http := dict "http" .Values.listeners.http.enabled "http-legacy" .Values.listeners.httpLegacy.enabled }}
{{- if .Values.ingress.enabled }}
{{- if not .Values.ingress.hosts }}
{{- fail "ingress.enabled: ingress.hosts needs at least one host with its paths" }}
{{- end }}
{{- range .Values.ingress.hosts }}
{{- range .paths }}
{{- if not (get $http .port) }}
{{- fail (printf "ingress: path %s goes to port %s, whose listener is disabled" .path .port) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.httpRoute.enabled }}
{{- if not .Values.httpRoute.parentRefs }}
{{- fail "httpRoute.enabled: httpRoute.parentRefs needs the Gateway to attach to" }}
{{- end }}
{{- if not (get $http .Values.httpRoute.port) }}
{{- fail (printf "httpRoute: port %s has its listener disabled" .Values.httpRoute.port) }}
{{- end }}
{{- end }}
{{- $_ := include "switchboard.memoryBudget" . }}
{{- end }}

{{/*
Checksum of the admin credentials as the chart is given them, so that a changed admin.password
(or a switch to another existingSecret or key) rolls the pods. It hashes the values, not the
rendered Secret: a generated password is rendered only on install, and hashing it would roll the
pods on the first upgrade for nothing. A Secret changed outside Helm is not seen here.
*/}}
{{- define "switchboard.adminSecretChecksum" -}}
{{- $a := .Values.admin }}
{{- list (include "switchboard.adminSecretName" .) $a.username $a.password $a.existingSecret $a.usernameKey $a.passwordKey | toJson | sha256sum }}
{{- end }}

{{/* The in-chart Redis's name (StatefulSet and Service). */}}
{{- define "switchboard.redisName" -}}
{{- include "switchboard.suffixed" (dict "root" . "suffix" "redis") }}
{{- end }}

{{/* Labels that select the in-chart Redis's pod; distinct from the gateway's, which select on name and instance. */}}
{{- define "switchboard.redisSelectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}-redis
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Secret holding the Redis password: the given one, the chart's, or none (external Redis without a password). */}}
{{- define "switchboard.redisSecretName" -}}
{{- $r := .Values.cluster.redis }}
{{- if $r.existingSecret }}
{{- $r.existingSecret }}
{{- else if or $r.password .Values.redis.enabled }}
{{- include "switchboard.suffixed" (dict "root" . "suffix" "redis") }}
{{- end }}
{{- end }}

{{/* The Redis password's key in that Secret. */}}
{{- define "switchboard.redisSecretKey" -}}
{{- if .Values.cluster.redis.existingSecret }}{{ .Values.cluster.redis.passwordKey }}{{ else }}password{{ end }}
{{- end }}

{{/* switchboard.cluster as the chart renders it; the Redis password reaches the pod from the Secret, never here. */}}
{{- define "switchboard.clusterSettings" -}}
{{- $c := .Values.cluster }}
{{- $settings := dict "engine" $c.engine "heartbeat-interval" $c.heartbeatInterval "node-timeout" $c.nodeTimeout }}
{{- if eq $c.engine "redis" }}
{{- $url := $c.redis.url }}
{{- if .Values.redis.enabled }}
{{- $url = printf "redis://%s:6379/0" (include "switchboard.redisName" .) }}
{{- end }}
{{- $_ := set $settings "redis" (dict "url" $url) }}
{{- end }}
{{- toYaml $settings }}
{{- end }}

{{/* The in-chart Redis's image reference; a digest pins it. */}}
{{- define "switchboard.redisImage" -}}
{{- $i := .Values.redis.image }}
{{- if $i.digest }}
{{- printf "%s@%s" $i.repository $i.digest }}
{{- else }}
{{- printf "%s:%s" $i.repository $i.tag }}
{{- end }}
{{- end }}
