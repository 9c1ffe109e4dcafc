/** The annotation a workload's pod template carries to say which schema version its image was built for (the last migration it expects). */
export const SCHEMA_ANNOTATION = "firebreak.dev/schema-version";
