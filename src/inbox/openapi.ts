import { LABELS } from '../classify/index.ts';
import { CASE_KINDS_IN_LAW } from '../deadlines/index.ts';
import { ROLES } from '../users/index.ts';
import { INBOX_ERRORS } from './errors.ts';
import { QUEUE_STATUS_FILTERS } from './types.ts';

/**
 * OpenAPI 3.1 description of /api, served at /api/openapi.json. Written by hand next to the
 * routes (src/inbox/api.ts); a test checks that every route is described here and back.
 */

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: object = { type: 'object' }) => ({ 200: { description, ...json(schema) } });
const errors = { $ref: '#/components/responses/Error' };
const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } };
const csrf = [{ session: [], csrf: [] }];
const session = [{ session: [] }];

function op(summary: string, extra: Record<string, unknown>) {
  return { summary, responses: { default: errors, ...(extra.responses as object) }, ...extra };
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Công Bộc staff inbox API',
      version: '1',
      description:
        'The JSON API the staff inbox pages use. Sign in with POST /api/session; send the session cookie and, on every ' +
        'state change, the X-CSRF-Token header with the token returned at sign-in (or by GET /api/me). Every endpoint ' +
        'applies the caller’s scope: commune roles see their commune’s cases, province officers their province’s and ' +
        'those escalated to it; only the handling unit acts; protected reporters are masked outside it.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cb_sid' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      responses: {
        Error: {
          description: 'An error with a stable code',
          ...json({
            type: 'object',
            properties: {
              error: {
                type: 'object',
                properties: {
                  code: { enum: Object.keys(INBOX_ERRORS) },
                  message: { type: 'string' },
                  details: { type: 'object' },
                },
              },
            },
          }),
        },
      },
      schemas: {
        User: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            username: { type: 'string' },
            displayName: { type: 'string' },
            role: { enum: ROLES },
            scope: { $ref: '#/components/schemas/Unit' },
            locale: { enum: ['vi', 'en'] },
            email: { type: ['string', 'null'], description: 'where deadline notices are copied by e-mail' },
            active: { type: 'boolean' },
          },
        },
        Notification: {
          type: 'object',
          description: 'A deadline notice to the caller; it names the case by its code, never its content or reporter',
          properties: {
            id: { type: 'string' },
            kind: { enum: ['reminder', 'escalation', 'overdue'] },
            caseId: { type: 'string' },
            caseCode: { type: 'string' },
            dueDate: { type: 'string', format: 'date' },
            createdAt: { type: 'string', format: 'date-time' },
            readAt: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        Unit: {
          type: 'object',
          properties: { kind: { enum: ['commune', 'province'] }, code: { type: 'string' } },
        },
        QueueItem: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            code: { type: 'string' },
            status: { enum: ['new', 'in_progress', 'answered', 'closed', 'reopened'] },
            label: { type: 'string' },
            dueDate: { type: ['string', 'null'], format: 'date', description: 'null for a compliment (no deadline)' },
            overdue: { type: 'boolean' },
            platform: { enum: ['zalo', 'messenger', 'local'] },
            assignee: { type: ['object', 'null'] },
            handoff: { type: 'boolean', description: 'the citizen asked for a person' },
          },
        },
        ReplyWindow: {
          oneOf: [
            { type: 'object', properties: { state: { const: 'open' }, until: { type: ['string', 'null'] } } },
            { type: 'object', properties: { state: { const: 'human_agent' }, until: { type: 'string' } } },
            {
              type: 'object',
              properties: {
                state: { const: 'closed' },
                reason: { enum: ['messenger_window_closed', 'zalo_window_closed', 'never_wrote'] },
                phone: { type: ['string', 'null'], description: 'only when the citizen consented and the viewer acts' },
              },
            },
          ],
        },
      },
    },
    paths: {
      '/api/session': {
        post: op('Sign in', {
          security: [],
          requestBody: json({
            type: 'object',
            required: ['username', 'password'],
            properties: { username: { type: 'string' }, password: { type: 'string' } },
          }),
          responses: ok('Signed in; sets the session cookie', {
            type: 'object',
            properties: { user: { $ref: '#/components/schemas/User' }, csrfToken: { type: 'string' } },
          }),
        }),
        delete: op('Sign out', { security: csrf, responses: { 204: { description: 'Signed out' } } }),
      },
      '/api/me': { get: op('The signed-in user and the CSRF token', { security: session, responses: ok('Me') }) },
      '/api/me/password': {
        post: op('Change one’s own password; every other session of the user ends', {
          security: csrf,
          requestBody: json({
            type: 'object',
            required: ['currentPassword', 'newPassword'],
            properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 10 } },
          }),
          responses: ok('Changed', { type: 'object', properties: { endedSessions: { type: 'integer' } } }),
        }),
      },
      '/api/cases': {
        get: op('The queue: cases in scope, most urgent first, with counts per status', {
          security: session,
          parameters: [
            { name: 'status', in: 'query', schema: { enum: QUEUE_STATUS_FILTERS, default: 'open' } },
            { name: 'label', in: 'query', schema: { enum: [...LABELS, 'unknown'] } },
            { name: 'dueBefore', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'overdue', in: 'query', schema: { enum: ['1', 'true', '0', 'false'] } },
            { name: 'channel', in: 'query', schema: { enum: ['zalo', 'messenger', 'local'] } },
            { name: 'assigned', in: 'query', schema: { type: 'string', description: 'me, none or a user id' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 200 } },
          ],
          responses: ok('Queue', {
            type: 'object',
            properties: { items: { type: 'array', items: { $ref: '#/components/schemas/QueueItem' } }, counts: {} },
          }),
        }),
      },
      '/api/cases/{id}': {
        get: op('One case with its conversation, history and reply window (the view is audit-logged)', {
          security: session,
          parameters: [caseId],
          responses: ok('Case'),
        }),
      },
      '/api/cases/{id}/messages': {
        get: op('The conversation with delivery states', { security: session, parameters: [caseId], responses: ok('Messages') }),
      },
      '/api/cases/{id}/reply': {
        post: op('Write to the citizen (chat line, or the official answer with asAnswer)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            required: ['text'],
            properties: { text: { type: 'string', maxLength: 4000 }, asAnswer: { type: 'boolean' } },
          }),
          responses: ok('Queued for sending, or call the citizen'),
        }),
      },
      '/api/cases/{id}/status': {
        post: op('Change the status (in_progress, closed, reopened with a note)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            properties: { status: { enum: ['in_progress', 'closed', 'reopened'] }, note: { type: 'string' } },
          }),
          responses: ok('New status'),
        }),
      },
      '/api/cases/{id}/notes': {
        post: op('Add an internal note', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({ type: 'object', properties: { body: { type: 'string' } } }),
          responses: ok('Added'),
        }),
      },
      '/api/cases/{id}/assign': {
        post: op('Assign to a colleague of the handling unit (userId null: nobody)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({ type: 'object', properties: { userId: { type: ['string', 'null'] } } }),
          responses: ok('Assigned'),
        }),
      },
      '/api/cases/{id}/label': {
        post: op('Correct the classification (stored for retraining)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({ type: 'object', properties: { label: { enum: LABELS } } }),
          responses: ok('Corrected'),
        }),
      },
      '/api/cases/{id}/kind': {
        post: op('Change what the case is in law (phản ánh, khiếu nại, tố cáo, hỏi đáp, khen) with a reason; its due date is planned again', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            properties: { kind: { enum: [...CASE_KINDS_IN_LAW] }, reason: { type: 'string', minLength: 3 } },
          }),
          responses: ok('Old and new kind, and the new due date (null for a compliment)'),
        }),
      },
      '/api/cases/{id}/transfer': {
        post: op('Transfer a misrouted case to another commune (routing rules apply again)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            properties: { communeCode: { type: 'string' }, reason: { type: 'string' } },
          }),
          responses: ok('Transferred'),
        }),
      },
      '/api/cases/{id}/extend': {
        post: op('Extend the deadline with a reason (leaders of the handling unit)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            properties: { newDue: { type: 'string', format: 'date' }, reason: { type: 'string', minLength: 3 } },
          }),
          responses: ok('Old and new due dates'),
        }),
      },
      '/api/cases/{id}/letters': {
        post: op('Draft the apology letter (or return the open draft)', {
          security: csrf,
          parameters: [caseId],
          responses: { 201: { description: 'The draft, with the fields still missing' } },
        }),
      },
      '/api/letters/{id}': {
        patch: op('Edit a draft letter (any field of the apology form)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({ type: 'object', description: 'ApologyLetterFields, partial' }),
          responses: ok('The draft'),
        }),
      },
      '/api/letters/{id}/sign': {
        post: op('Sign the letter and tell the citizen when a window allows (leaders)', {
          security: csrf,
          parameters: [caseId],
          responses: ok('The signed letter'),
        }),
      },
      '/api/letters/{id}/docx': {
        get: op('The letter as DOCX (audited: it names the citizen)', {
          security: session,
          parameters: [caseId],
          responses: {
            200: {
              description: 'DOCX',
              content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {} },
            },
          },
        }),
      },
      '/api/conversations': {
        get: op('Citizens who asked for a person (handoff), on my unit’s channels', { security: session, responses: ok('Waiting') }),
      },
      '/api/conversations/{id}': {
        get: op('A handoff conversation with delivery states and its reply window (audited)', {
          security: session,
          parameters: [caseId],
          responses: ok('Conversation'),
        }),
      },
      '/api/conversations/{id}/reply': {
        post: op('Chat with the citizen of a handoff (refused past every window)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({ type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 4000 } } }),
          responses: ok('Queued message ids'),
        }),
      },
      '/api/conversations/{id}/end-handoff': {
        post: op('End a handoff: the bot tells the citizen and takes the conversation back (409 when not in a handoff)', {
          security: csrf,
          parameters: [caseId],
          responses: { 202: { description: 'Queued' } },
        }),
      },
      '/api/canned': {
        get: op('Canned answers of my unit', { security: session, responses: ok('Canned answers') }),
        post: op('Add a canned answer (leaders)', {
          security: csrf,
          requestBody: json({ type: 'object', properties: { title: { type: 'string' }, body: { type: 'string' } } }),
          responses: { 201: { description: 'Created' } },
        }),
      },
      '/api/canned/{id}': {
        delete: op('Remove a canned answer (leaders)', {
          security: csrf,
          parameters: [caseId],
          responses: { 204: { description: 'Removed' } },
        }),
      },
      '/api/notifications': {
        get: op('My deadline notices (reminder, escalation, overdue), newest first, and how many are unread', {
          security: session,
          parameters: [
            { name: 'unread', in: 'query', schema: { enum: ['1', 'true', '0', 'false'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: ok('Notifications', {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/Notification' } },
              unread: { type: 'integer' },
            },
          }),
        }),
      },
      '/api/notifications/read-all': {
        post: op('Mark all my notifications read', {
          security: csrf,
          responses: ok('How many were marked and how many stay unread', {
            type: 'object',
            properties: { marked: { type: 'integer' }, unread: { type: 'integer' } },
          }),
        }),
      },
      '/api/notifications/{id}/read': {
        post: op('Mark one of my notifications read (anyone else’s is 404)', {
          security: csrf,
          parameters: [caseId],
          responses: ok('Marked', { type: 'object', properties: { ok: { const: true }, unread: { type: 'integer' } } }),
        }),
      },
      '/api/events': {
        get: op('Server-sent events: `case` {caseId, reason} and `conversation` {conversationId} for every change in scope, `notification` {} when my notifications change', {
          security: session,
          responses: { 200: { description: 'text/event-stream' } },
        }),
      },
      '/api/admin/users': {
        get: op('Staff accounts (admins)', { security: session, responses: ok('Users') }),
        post: op('Create a staff account (admins)', {
          security: csrf,
          requestBody: json({
            type: 'object',
            properties: {
              username: { type: 'string' },
              displayName: { type: 'string' },
              role: { enum: ROLES },
              scopeKind: { enum: ['commune', 'province'] },
              scopeCode: { type: 'string' },
              password: { type: 'string', minLength: 10 },
              locale: { enum: ['vi', 'en'] },
              email: { type: 'string', format: 'email', description: 'optional: deadline notices are copied there' },
            },
          }),
          responses: { 201: { description: 'Created' } },
        }),
      },
      '/api/admin/users/{id}': {
        patch: op('Enable or disable an account, or set its e-mail address (null or empty: none) (admins)', {
          security: csrf,
          parameters: [caseId],
          requestBody: json({
            type: 'object',
            properties: { active: { type: 'boolean' }, email: { type: ['string', 'null'] } },
          }),
          responses: ok('User'),
        }),
      },
      '/api/admin/channels': {
        get: op('Zalo OAs and Facebook Pages (admins; tokens never returned)', { security: session, responses: ok('Channels') }),
        post: op('Add or update a channel account (admins)', {
          security: csrf,
          requestBody: json({
            type: 'object',
            properties: {
              platform: { enum: ['zalo', 'messenger'] },
              externalId: { type: 'string' },
              scopeKind: { enum: ['commune', 'province'] },
              scopeCode: { type: 'string' },
              name: { type: 'string' },
              accessToken: { type: 'string' },
              refreshToken: { type: 'string' },
            },
          }),
          responses: { 201: { description: 'Saved' } },
        }),
      },
      '/api/admin/channels/{platform}/{externalId}': {
        delete: op('Deactivate a channel account (admins)', {
          security: csrf,
          parameters: [
            { name: 'platform', in: 'path', required: true, schema: { enum: ['zalo', 'messenger'] } },
            { name: 'externalId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { 204: { description: 'Deactivated' } },
        }),
      },
      '/api/admin/units': {
        get: op('Units served (communes and provinces with channels or staff) and their open work (admins)', {
          security: session,
          responses: ok('Units'),
        }),
      },
      '/api/admin/sla': { get: op('Time limits per case type (admins)', { security: session, responses: ok('SLA') }) },
      '/api/admin/holidays': {
        get: op('Holidays and worked weekend days of a year (admins)', {
          security: session,
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }],
          responses: ok('Calendar'),
        }),
      },
      '/api/openapi.json': { get: op('This document', { security: [], responses: ok('OpenAPI document') }) },
    },
  };
}
