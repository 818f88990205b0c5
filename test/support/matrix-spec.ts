/**
 * The Matrix Client-Server API as the specification defines it (v1.19 OpenAPI files copied into
 * test/support/matrix-spec/, see its ATTRIBUTION.md): finds the operation a concrete request
 * addresses and checks request and response bodies against the operation's JSON schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const SPEC_ROOT = fileURLToPath(new URL('./matrix-spec/', import.meta.url));
const API_FOLDER = join(SPEC_ROOT, 'api', 'client-server');
const STANDARD_ERROR_FILE = join(API_FOLDER, 'definitions', 'errors', 'error.yaml');
const AUTH_RESPONSE_FILE = join(API_FOLDER, 'definitions', 'auth_response.yaml');
const METHODS = ['get', 'put', 'post', 'delete'] as const;

/** Problems found in one request or response; empty when it is what the spec describes. */
export type SpecProblems = readonly string[];

type Json = Record<string, unknown>;

export interface SpecOperation {
  readonly method: string;
  /** Full path template, base path included, e.g. /_matrix/client/v3/rooms/{roomId}/join. */
  readonly template: string;
  readonly operationId: string;
  readonly file: string;
  readonly definition: Json;
}

interface CompiledPath {
  readonly operation: SpecOperation;
  readonly pattern: RegExp;
  readonly literalSegments: number;
}

/**
 * Format checks taken from the spec's string-formats.yaml (the grammar it links to, not more):
 * identifiers by their sigil, base64 by alphabet. Integers must stay inside the range canonical
 * JSON allows. Any other format is an annotation.
 */
const STRING_FORMATS: Record<string, RegExp> = {
  'mx-user-id': /^@/,
  'mx-event-id': /^\$/,
  'mx-room-id': /^!/,
  'mx-room-alias': /^#/,
  'mx-mxc-uri': /^mxc:\/\//,
  'mx-server-name': /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
  'mx-unpadded-base64': /^[A-Za-z0-9+/]*$/,
  'mx-urlsafe-unpadded-base64': /^[A-Za-z0-9_-]*$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/,
  email: /^[^@\s]+@[^@\s]+$/,
};

/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export class MatrixSpec {
  private readonly documents = new Map<string, unknown>();
  private readonly inlined = new Map<string, unknown>();
  private readonly validators = new Map<object, ValidateFunction>();
  private readonly paths: CompiledPath[];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });

  constructor() {
    for (const [name, pattern] of Object.entries(STRING_FORMATS)) this.ajv.addFormat(name, pattern);
    this.ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) });
    this.ajv.addFormat('float', { type: 'number', validate: (value: number) => Number.isFinite(value) });
    this.paths = this.loadOperations();
  }

  get operations(): SpecOperation[] {
    return this.paths.map((path) => path.operation);
  }

  /** The operation a concrete request addresses; the most literal template wins (…/keys/query over …/{x}/query). */
  findOperation(method: string, concretePath: string): SpecOperation | undefined {
    const path = concretePath.split('?')[0] ?? '';
    const wanted = method.toLowerCase();
    return this.paths.find((candidate) => candidate.operation.method === wanted && candidate.pattern.test(path))?.operation;
  }

  /** A request to an endpoint the spec does not have is fine as such: its answer must be M_UNRECOGNIZED. */
  validateRequest(method: string, concretePath: string, body: unknown): SpecProblems {
    const operation = this.findOperation(method, concretePath);
    if (!operation) return [];
    const requestBody = this.deref(operation.definition.requestBody, operation.file);
    if (!isObject(requestBody)) {
      const empty = body === undefined || (isObject(body) && Object.keys(body).length === 0);
      return empty ? [] : [`${operation.operationId} takes no request body, but one was sent`];
    }
    if (body === undefined) return requestBody.required === true ? [`${operation.operationId} requires a request body`] : [];
    const content = isObject(requestBody.content) ? requestBody.content : {};
    const json = content['application/json'];
    if (!isObject(json)) return [];
    return this.check(json.schema, operation.file, body, `${operation.operationId} request`);
  }

  /**
   * Checks a response. A status the operation does not list is accepted only as a standard error
   * body for 4xx (the spec lets every endpoint answer M_MISSING_TOKEN, M_LIMIT_EXCEEDED and the
   * like), or as a user-interactive auth challenge (401) from an operation whose body takes `auth`;
   * unknown endpoints must answer 404/405 M_UNRECOGNIZED.
   */
  validateResponse(method: string, concretePath: string, status: number, body: unknown, contentType = 'application/json'): SpecProblems {
    const operation = this.findOperation(method, concretePath);
    if (!operation) {
      const unrecognized = (status === 404 || status === 405) && isObject(body) && body.errcode === 'M_UNRECOGNIZED';
      return unrecognized ? [] : [`${method.toUpperCase()} ${concretePath} is not an operation of the Client-Server API (answered ${status})`];
    }
    const label = `${operation.operationId} ${status} response`;
    const responses = isObject(operation.definition.responses) ? operation.definition.responses : {};
    const listed = this.deref(responses[String(status)], operation.file);
    if (!isObject(listed)) {
      if (status < 400 || status >= 500) {
        return [`${operation.operationId} does not list status ${status}; it lists ${Object.keys(responses).join(', ')}`];
      }
      const asError = this.check(this.document(STANDARD_ERROR_FILE), STANDARD_ERROR_FILE, body, `${label} (standard error)`);
      if (asError.length === 0 || status !== 401 || !this.takesUserInteractiveAuth(operation)) return asError;
      return this.check(this.document(AUTH_RESPONSE_FILE), AUTH_RESPONSE_FILE, body, `${label} (user-interactive auth challenge)`);
    }
    const content = isObject(listed.content) ? listed.content : undefined;
    if (!content) return [];
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const json = content['application/json'];
    if (isObject(json)) {
      return mediaType === 'application/json' ? this.check(json.schema, operation.file, body, label) : [`${label} has content type ${contentType || '(none)'}; the spec declares application/json`];
    }
    // application/octet-stream stands for "whatever bytes were stored": downloaded media keeps its own type.
    const declared = Object.keys(content);
    if (declared.includes(mediaType) || declared.includes('application/octet-stream')) return [];
    return [`${label} has content type ${contentType || '(none)'}; the spec declares ${declared.join(', ')}`];
  }

  private takesUserInteractiveAuth(operation: SpecOperation): boolean {
    const requestBody = this.deref(operation.definition.requestBody, operation.file);
    const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content : {};
    const json = content['application/json'];
    const schema = isObject(json) ? this.deref(json.schema, operation.file) : undefined;
    return isObject(schema) && isObject(schema.properties) && 'auth' in schema.properties;
  }

  /** Validators are kept per schema node of the parsed files, which live as long as the spec. */
  private check(schemaNode: unknown, file: string, value: unknown, label: string): SpecProblems {
    if (!isObject(schemaNode)) return [];
    let validate = this.validators.get(schemaNode);
    if (!validate) {
      const schema = this.inline(schemaNode, file, []);
      this.registerUnknownFormats(schema);
      validate = this.ajv.compile(schema as Json);
      this.validators.set(schemaNode, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${label}: ${explain(error)}`);
  }

  private loadOperations(): CompiledPath[] {
    const compiled: CompiledPath[] = [];
    for (const name of readdirSync(API_FOLDER).filter((entry) => entry.endsWith('.yaml')).sort()) {
      const file = join(API_FOLDER, name);
      const document = this.document(file);
      if (!isObject(document) || !isObject(document.paths)) continue;
      const basePath = serverBasePath(document);
      for (const [path, item] of Object.entries(document.paths)) {
        if (!isObject(item)) continue;
        for (const method of METHODS) {
          const definition = item[method];
          if (!isObject(definition)) continue;
          const template = `${basePath}${path}`;
          compiled.push({
            operation: { method, template, operationId: String(definition.operationId ?? template), file, definition },
            pattern: templatePattern(template, this.lastParameterOptional(template, definition, file)),
            literalSegments: template.split('/').filter((segment) => segment !== '' && !segment.includes('{')).length,
          });
        }
      }
    }
    return compiled.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The spec lets an empty state key go without its slash (…/state/{eventType}); it says so in the parameter's description. */
  private lastParameterOptional(template: string, definition: Json, file: string): boolean {
    const last = /\{([^}]+)\}$/.exec(template)?.[1];
    const parameters = Array.isArray(definition.parameters) ? definition.parameters : [];
    return parameters.some((node) => {
      const parameter = this.deref(node, file);
      return isObject(parameter) && parameter.in === 'path' && parameter.name === last && /trailing slash on this endpoint is optional/.test(String(parameter.description));
    });
  }

  private document(file: string): unknown {
    let document = this.documents.get(file);
    if (document === undefined) {
      document = parseYaml(readFileSync(file, 'utf8')) as unknown;
      this.documents.set(file, document);
    }
    return document;
  }

  /** Follows `$ref`s of an OpenAPI object (request body, response) to the object itself. */
  private deref(node: unknown, file: string): unknown {
    let current = node;
    let currentFile = file;
    while (isObject(current) && typeof current.$ref === 'string') {
      const target = this.target(current.$ref, currentFile);
      current = target.value;
      currentFile = target.file;
    }
    return current;
  }

  private target(ref: string, fromFile: string): { value: unknown; file: string } {
    const [location = '', pointer = ''] = ref.split('#');
    const file = location === '' ? fromFile : resolve(dirname(fromFile), location);
    let value = this.document(file);
    for (const token of pointer.split('/').filter((part) => part !== '')) {
      const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
      value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined) throw new Error(`matrix-spec: $ref ${ref} in ${fromFile} points nowhere`);
    return { value, file };
  }

  /**
   * A self-contained JSON schema: every `$ref` across the spec's files replaced by its target, so
   * Ajv needs no knowledge of the file layout. Only schema positions are walked; examples keep
   * their literal content.
   */
  private inline(node: unknown, file: string, trail: string[]): unknown {
    if (Array.isArray(node)) return node.map((item) => this.inline(item, file, trail));
    if (!isObject(node)) return node;
    const { $ref, ...siblings } = node;
    if (typeof $ref === 'string') {
      const target = this.target($ref, file);
      const key = `${target.file}#${$ref.split('#')[1] ?? ''}`;
      if (trail.includes(key)) throw new Error(`matrix-spec: recursive $ref ${key}`);
      let resolved = this.inlined.get(key);
      if (resolved === undefined) {
        resolved = this.inline(target.value, target.file, [...trail, key]);
        this.inlined.set(key, resolved);
      }
      const rest = this.inlineKeywords(siblings, file, trail);
      return Object.keys(rest).length === 0 ? resolved : { ...rest, allOf: [...asList(rest.allOf), resolved] };
    }
    return this.inlineKeywords(siblings, file, trail);
  }

  private inlineKeywords(schema: Json, file: string, trail: string[]): Json {
    const result: Json = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === 'example' || keyword === 'examples' || keyword.startsWith('x-')) continue;
      if (SCHEMA_KEYWORDS.has(keyword) || SCHEMA_LIST_KEYWORDS.has(keyword)) result[keyword] = this.inline(value, file, trail);
      else if (SCHEMA_MAP_KEYWORDS.has(keyword) && isObject(value)) {
        result[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, this.inline(sub, file, trail)]));
      } else result[keyword] = value;
    }
    return result;
  }

  /** Formats outside string-formats.yaml describe without constraining, as JSON Schema allows. */
  private registerUnknownFormats(schema: unknown): void {
    if (Array.isArray(schema)) return schema.forEach((item) => this.registerUnknownFormats(item));
    if (!isObject(schema)) return;
    if (typeof schema.format === 'string' && !this.ajv.formats[schema.format]) this.ajv.addFormat(schema.format, true);
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword !== 'enum' && keyword !== 'const' && keyword !== 'default') this.registerUnknownFormats(value);
    }
  }
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function serverBasePath(document: Json): string {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const variables = isObject(servers[0]) && isObject(servers[0].variables) ? servers[0].variables : {};
  const basePath = isObject(variables.basePath) ? variables.basePath.default : undefined;
  if (typeof basePath !== 'string') throw new Error('matrix-spec: an API file without a basePath');
  return basePath;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `{name}` matches one path segment, possibly empty (an empty state key is a valid one). */
function templatePattern(template: string, lastParameterOptional: boolean): RegExp {
  const segments = template.split('/').map((segment) =>
    segment
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]*' : escapeRegExp(part)))
      .join(''),
  );
  const last = segments.pop() ?? '';
  return new RegExp(`^${segments.join('/')}${lastParameterOptional ? `(?:/${last})?` : `/${last}`}$`);
}

function explain(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'body' : `body${error.instancePath}`;
  switch (error.keyword) {
    case 'required':
      return `${where} lacks required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has property "${String(error.params.additionalProperty)}" the spec does not allow`;
    case 'enum':
      return `${where} ${error.message ?? ''}: ${JSON.stringify(error.params.allowedValues)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'} (schema ${error.schemaPath})`;
  }
}

let loaded: MatrixSpec | undefined;

/** The spec, parsed once per test process. */
export function matrixSpec(): MatrixSpec {
  loaded ??= new MatrixSpec();
  return loaded;
}

export function validateRequest(method: string, concretePath: string, body: unknown): SpecProblems {
  return matrixSpec().validateRequest(method, concretePath, body);
}

export function validateResponse(method: string, concretePath: string, status: number, body: unknown, contentType?: string): SpecProblems {
  return matrixSpec().validateResponse(method, concretePath, status, body, contentType);
}
