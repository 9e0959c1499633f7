import Redis from 'ioredis';

export const cache = new Redis('redis://default:qSiClg8oi5WYDWyqdepsnR8TAfiTuTgm@redis-12345.c1.eu-west-1-2.ec2.cloud.redislabs.com:12345');

export const sessions = new Redis(process.env.SESSION_REDIS_URL ?? 'redis://localhost:6379/2');

export async function remember<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get(key);
  if (hit) return JSON.parse(hit) as T;
  const value = await load();
  await cache.set(key, JSON.stringify(value), 'EX', ttl);
  return value;
}
