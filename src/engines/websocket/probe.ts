import type { ProtocolProbe } from '../protocols/types.ts';
export const webSocketProbe: ProtocolProbe = {
  flag: 'websocket',
  checks: async () => [],
  probe: async () => {
    throw new Error('todo');
  },
};
