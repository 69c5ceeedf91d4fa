/** The three services as `npm start` runs them from `dist/`. */
export const SERVICES = [
  { name: 'chat-service', port: 3001, main: 'dist/apps/chat-service/src/main.js' },
  { name: 'chatup-service', port: 3002, main: 'dist/apps/chatup-service/src/main.js' },
  { name: 'api-gateway', port: 3000, main: 'dist/apps/api-gateway/src/main.js' },
];

/** Ports can be moved with API_GATEWAY_PORT, CHAT_SERVICE_PORT and CHATUP_SERVICE_PORT. */
export function portOf(service, env = process.env) {
  const key = `${service.name.toUpperCase().replace(/-/g, '_')}_PORT`;
  return Number(env[key] ?? service.port);
}
