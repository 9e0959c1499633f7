/**
 * How the audit recognises a gRPC file without loading the .proto parser (protobufjs): every audit asks
 * each language whether it claims a file, and most audits read no gRPC file at all.
 */

/** `type: google.api.Service` at the top level: a Google API service configuration. */
export function isServiceConfig(text: string): boolean {
  return /^type:[ \t]*['"]?google\.api\.Service['"]?[ \t]*(?:#.*)?$/m.test(text);
}
