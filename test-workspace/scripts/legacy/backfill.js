// One-off backfill from 2023, kept for reference. Ignored in shipshape.json.
const { Pool } = require("pg");

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  try {
    await pool.query("UPDATE orders SET status = 'paid' WHERE status = 'complete'");
  } catch (e) {}
  await pool.end();
}

main();
