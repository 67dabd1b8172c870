{{/* The prefix of every object name: namePrefix when set, else the release name (as a chart's fullname helper
     would), so two releases in one namespace never share a name. Release `todo` gives todo-backend, todo-frontend. */}}
{{- define "todo-app.namePrefix" -}}
{{- .Values.namePrefix | default .Release.Name | trunc 32 | trimSuffix "-" -}}
{{- end }}

{{- define "todo-app.backendName" -}}
{{- printf "%s-backend" (include "todo-app.namePrefix" .) -}}
{{- end }}

{{- define "todo-app.frontendName" -}}
{{- printf "%s-frontend" (include "todo-app.namePrefix" .) -}}
{{- end }}

{{- define "todo-app.postgresqlName" -}}
{{- printf "%s-postgresql" (include "todo-app.namePrefix" .) -}}
{{- end }}

{{- define "todo-app.selftestName" -}}
{{- printf "%s-selftest" (include "todo-app.namePrefix" .) -}}
{{- end }}

{{/* The URL the frontend and the helm test use to reach the backend: its Service's DNS name. */}}
{{- define "todo-app.backendUrl" -}}
{{- printf "http://%s:%v" (include "todo-app.backendName" .) .Values.backend.service.port -}}
{{- end }}

{{- define "todo-app.frontendUrl" -}}
{{- printf "http://%s:%v" (include "todo-app.frontendName" .) .Values.frontend.service.port -}}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "todo-app.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/part-of: todo-app
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select one component's pods. Call with (dict "ctx" $ "component" "backend"). */}}
{{- define "todo-app.selectorLabels" -}}
app.kubernetes.io/name: todo-app
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* repository@digest when a digest is given, else repository:tag (tag defaults to the chart's appVersion).
     Call with (dict "ctx" $ "image" .Values.backend.image "field" "backend.image"). */}}
{{- define "todo-app.image" -}}
{{- $tag := .image.tag | default .ctx.Chart.AppVersion | toString -}}
{{- if and (not .image.digest) (eq $tag "latest") -}}
{{- fail (printf "%s.tag: 'latest' is not allowed; use a version or content tag, or %s.digest" .field .field) -}}
{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" .image.repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end }}

{{/* The Secret holding AUTH_SIGNING_KEY / OPENAI_API_KEY / DATABASE_URL: the chart's own one only when values
     supply secret material, else the one the user created. */}}
{{- define "todo-app.rendersSecret" -}}
{{- if or .Values.secrets.authSigningKey .Values.secrets.openAiApiKey .Values.secrets.databaseUrl -}}true{{- end -}}
{{- end }}

{{- define "todo-app.secretName" -}}
{{- if include "todo-app.rendersSecret" . -}}
{{- printf "%s-secrets" (include "todo-app.namePrefix" .) -}}
{{- else -}}
{{- .Values.secrets.existingSecret -}}
{{- end -}}
{{- end }}

{{/* A checksum of the app Secret's content so a changed secret rolls the pods. For an existingSecret the chart can
     only see it on a real install (lookup); helm template and dry runs see nothing and hash the name. */}}
{{- define "todo-app.secretChecksum" -}}
{{- if include "todo-app.rendersSecret" . -}}
{{- include (print .Template.BasePath "/secret.yaml") . | sha256sum -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace .Values.secrets.existingSecret -}}
{{- (get $existing "data" | default dict | toJson) | cat .Values.secrets.existingSecret | sha256sum -}}
{{- end -}}
{{- end }}

{{/* Pod-level hardening shared by every pod of the chart. Call with the uid. */}}
{{- define "todo-app.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level hardening shared by every container of the chart. Call with the uid. */}}
{{- define "todo-app.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Where the backend finds its database: the generated Secret in-cluster, the user's Secret otherwise. */}}
{{- define "todo-app.databaseUrlEnv" -}}
{{- if eq .Values.database.mode "inCluster" }}
{{- /* The URL holds no secret; the password comes separately (DATABASE_PASSWORD) from the Secret the operator named.
       The in-cluster server has no TLS certificate, so the connection says so instead of silently trying. */}}
- name: DATABASE_URL
  value: {{ printf "postgres://%s@%s:5432/%s?sslmode=disable" .Values.postgresql.username (include "todo-app.postgresqlName" .) .Values.postgresql.database | quote }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- include "todo-app.postgresqlPasswordRef" . | nindent 6 }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "todo-app.secretName" . }}
      key: DATABASE_URL
{{- end }}
{{- end }}

{{/* Where the in-cluster database's password lives: postgresql.auth.existingSecret, else the Secret rendered from
     postgresql.auth.password, else the app's Secret under POSTGRES_PASSWORD. Never generated at render time. */}}
{{- define "todo-app.postgresqlPasswordRef" -}}
{{- with .Values.postgresql.auth -}}
{{- if .existingSecret -}}
name: {{ .existingSecret }}
key: {{ .secretKey }}
{{- else if .password -}}
name: {{ include "todo-app.postgresqlName" $ }}
key: password
{{- else -}}
name: {{ include "todo-app.secretName" $ }}
key: POSTGRES_PASSWORD
{{- end -}}
{{- end -}}
{{- end }}

{{/* The backend app's environment. The migrate init container gets only the ConfigMap and DATABASE_URL. */}}
{{- define "todo-app.backendEnv" -}}
envFrom:
  - configMapRef:
      name: {{ include "todo-app.backendName" . }}
env:
  - name: AUTH_SIGNING_KEY
    valueFrom:
      secretKeyRef:
        name: {{ include "todo-app.secretName" . }}
        key: AUTH_SIGNING_KEY
        # Optional here so the pod starts and says what is missing: in Production the backend refuses to run
        # without it (docs/security.md).
        optional: true
  - name: AUTH_PREVIOUS_SIGNING_KEYS
    valueFrom:
      secretKeyRef:
        name: {{ include "todo-app.secretName" . }}
        key: AUTH_PREVIOUS_SIGNING_KEYS
        # Keys being rotated out: they still validate tokens, never sign.
        optional: true
  - name: OPENAI_API_KEY
    valueFrom:
      secretKeyRef:
        name: {{ include "todo-app.secretName" . }}
        key: OPENAI_API_KEY
        optional: true
  {{- include "todo-app.databaseUrlEnv" . | nindent 2 }}
{{- end }}
