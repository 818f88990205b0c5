/** How POST /api/v1/safety/check is described in the platform's OpenAPI document. */
import { Type } from '@sinclair/typebox';
import { LOCALES } from '../../platform/i18n/locales.js';
import { CHECK_API_PATH } from './checker-api.routes.js';
import { MAX_PASTE_BYTES } from './checker.input.js';
import { MAX_INPUT_BYTES, VERDICTS } from './checker.model.js';

const MB = 1024 * 1024;

const CheckRequestJson = Type.Union([
  Type.Object({ kind: Type.Literal('text'), text: Type.String({ description: 'The text of an SMS, a chat message or a mail.' }) }),
  Type.Object({ kind: Type.Literal('email_source'), source: Type.String({ description: 'The raw source of a mail (RFC 5322), with its headers.' }) }),
  Type.Object({ kind: Type.Literal('url'), url: Type.String({ description: 'A web address, with or without https://.' }) }),
]);

const CheckRequestMultipart = Type.Object({
  file: Type.String({
    contentEncoding: 'binary',
    description: `A forwarded mail (.eml, .msg) or a photo or screenshot with a QR code; at most ${MAX_INPUT_BYTES / MB} MB.`,
  }),
});

const CheckResponse = Type.Object({
  lang: Type.Union(LOCALES.map((l) => Type.Literal(l)), { description: 'The language of the messages.' }),
  verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
  reasons: Type.Array(
    Type.Object({
      rule: Type.String({ description: 'A stable rule id, such as lookalike_domain or asks_for_codes.' }),
      weight: Type.Number({ description: 'Positive raises suspicion, negative lowers it.' }),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
      message: Type.String({ description: 'The reason as a short sentence for the person, with advice.' }),
    }),
  ),
  summary: Type.Object({
    from: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    links: Type.Array(Type.String()),
    attachments: Type.Array(Type.String()),
  }),
});

const plain = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** The path item of the checker, to merge into the document's `paths`; errors use its `Error` schema. */
export const checkApiOpenApiPaths: Record<string, Record<string, unknown>> = {
  [CHECK_API_PATH]: {
    post: {
      operationId: 'checkMessage',
      summary: 'Is this a scam? Analyse a message, a mail, a web address or a QR code, offline; nothing is stored.',
      parameters: [
        {
          name: 'lang',
          in: 'query',
          required: false,
          description: 'Language of the messages; otherwise Accept-Language decides.',
          schema: { type: 'string', enum: [...LOCALES] },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: plain(CheckRequestJson) },
          'multipart/form-data': {
            schema: plain(CheckRequestMultipart),
            encoding: { file: { contentType: 'message/rfc822, application/vnd.ms-outlook, image/*' } },
          },
        },
      },
      responses: {
        200: { description: 'The verdict and its reasons.', content: { 'application/json': { schema: plain(CheckResponse) } } },
        400: error('The body is not JSON or multipart, or says neither what it sends nor sends it.'),
        413: error(`Larger than ${MAX_INPUT_BYTES / MB} MB (a JSON body or a file) or ${MAX_PASTE_BYTES / MB} MB (a multipart text field).`),
        422: error('Nothing to analyse, or not readable: empty, unreadable, not a mail, no QR code found, not a web address.'),
        429: error('Too many checks from this address in a short time; see Retry-After.'),
      },
    },
  },
};
