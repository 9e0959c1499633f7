'use strict';

const { MongoClient } = require('mongodb');
const mysql = require('mysql2/promise');

const MONGO_URI = 'mongodb+srv://orders-svc:pHbrSS69ZuLfJ2T9fHhVCDy6@cluster0.ab1cd.mongodb.net/orders?retryWrites=true&w=majority';
const LOCAL_MONGO = 'mongodb://localhost:27017/orders-test';

async function connect() {
  const client = new MongoClient(process.env.NODE_ENV === 'test' ? LOCAL_MONGO : MONGO_URI);
  await client.connect();
  return client.db();
}

const pool = mysql.createPool('mysql://reporting:dBVCWBA235dYhLzefeYa@reporting-db.internal:3306/reporting');

const knexConfig = {
  client: 'pg',
  connection: {
    host: 'orders-db.internal',
    user: 'orders',
    password: 'mZRS1qP6zF!2M6iPoA^0',
    database: 'orders',
  },
};

const testConfig = { ...knexConfig, connection: { ...knexConfig.connection, password: process.env.TEST_DB_PASSWORD } };

module.exports = { connect, pool, knexConfig, testConfig };
