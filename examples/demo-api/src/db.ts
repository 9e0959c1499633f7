import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { hashPassword } from './passwords.ts';

/**
 * The shop's data: an in-memory SQLite database (node:sqlite), created and seeded at every start.
 * Money is stored in cents; the API speaks decimal euros.
 */

export type Db = DatabaseSync;

/**
 * Demo accounts (the same passwords are in rampart.yaml, so the probe can log in). Demo-only values:
 * the database lives in memory and the server binds 127.0.0.1.
 */
export const SEED_USERS = [
  { username: 'alice', password: 'alice-demo-password', role: 'user', email: 'alice@shop.example' },
  { username: 'bob', password: 'bob-demo-password', role: 'user', email: 'bob@shop.example' },
  { username: 'carol', password: 'carol-demo-password', role: 'admin', email: 'carol@shop.example' },
  { username: 'dave', password: 'dave-demo-password', role: 'user', email: 'dave@shop.example' },
] as const;

const SCHEMA = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'admin')),
  password_hash TEXT NOT NULL,
  api_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE preferences (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  language TEXT NOT NULL,
  currency TEXT NOT NULL,
  newsletter INTEGER NOT NULL
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  stock INTEGER NOT NULL,
  published INTEGER NOT NULL DEFAULT 1,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  total_cents INTEGER NOT NULL,
  note TEXT,
  shipping_address TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL
);
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id),
  message TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE loyalty (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  points INTEGER NOT NULL
);
`;

const T0 = '2025-03-01T09:00:00.000Z';

export function openDb(): Db {
  const db = new DatabaseSync(':memory:');
  db.exec(SCHEMA);
  const addUser = db.prepare('INSERT INTO users (username, email, role, password_hash, api_key, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const u of SEED_USERS) {
    addUser.run(u.username, u.email, u.role, hashPassword(u.password), `sk_demo_${randomBytes(16).toString('hex')}`, T0);
  }
  const id = (username: string) => (db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(id) as [number, number, number, number];

  const pref = db.prepare('INSERT INTO preferences (user_id, language, currency, newsletter) VALUES (?, ?, ?, ?)');
  pref.run(alice, 'en', 'EUR', 1);
  pref.run(bob, 'de', 'EUR', 0);
  pref.run(carol, 'fr', 'EUR', 1);
  pref.run(dave, 'en', 'EUR', 0);

  const product = db.prepare(
    'INSERT INTO products (name, description, price_cents, stock, published, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  product.run('Rampart T-shirt', 'Organic cotton tee with the Rampart logo', 1999, 120, 1, carol, T0);
  product.run('Sticker pack', 'Ten vinyl stickers for your laptop', 450, 500, 1, carol, T0);
  product.run('Hoodie', 'Heavyweight hoodie, navy blue', 4900, 40, 1, carol, T0);
  product.run('Coffee mug', 'Ceramic mug, 330 ml', 1200, 75, 1, carol, T0);
  product.run('Prototype gadget', 'Unannounced: launches next quarter', 9900, 5, 0, carol, T0);

  const order = db.prepare(
    'INSERT INTO orders (user_id, status, total_cents, note, shipping_address, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const item = db.prepare('INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)');
  const addOrder = (user: number, status: string, items: [number, number, number][], note: string | null, address: string) => {
    const total = items.reduce((s, [, q, p]) => s + q * p, 0);
    const o = Number(order.run(user, status, total, note, address, T0).lastInsertRowid);
    for (const [productId, q, p] of items) item.run(o, productId, q, p);
  };
  addOrder(alice, 'shipped', [[1, 2, 1999]], 'Gift wrap please', '1 Rabbit Hole, Wonderland');
  addOrder(alice, 'pending', [[3, 1, 4900]], null, '1 Rabbit Hole, Wonderland');
  addOrder(bob, 'paid', [[2, 3, 450]], null, '12 Site Road, Buildertown');

  const file = db.prepare('INSERT INTO files (owner_id, name, content_type, content, created_at) VALUES (?, ?, ?, ?, ?)');
  file.run(alice, 'invoice-1001.txt', 'text/plain', 'Rampart Shop invoice 1001\nCustomer: alice\nTotal: 39.98 EUR\n', T0);
  file.run(bob, 'invoice-1003.txt', 'text/plain', 'Rampart Shop invoice 1003\nCustomer: bob\nTotal: 13.50 EUR\n', T0);
  file.run(carol, 'sales-q1.csv', 'text/csv', 'month,revenue\n2025-01,1834.50\n2025-02,2210.00\n', T0);

  const note = db.prepare('INSERT INTO notifications (user_id, message, created_at) VALUES (?, ?, ?)');
  note.run(null, 'Spring sale: 10% off hoodies until Sunday', T0);
  note.run(alice, 'Your order 1 has shipped', T0);
  note.run(bob, 'Your payment for order 3 was received', T0);

  const points = db.prepare('INSERT INTO loyalty (user_id, points) VALUES (?, ?)');
  points.run(alice, 1250);
  points.run(bob, 40);
  points.run(carol, 0);
  points.run(dave, 310);
  return db;
}
