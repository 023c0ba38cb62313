import { Pool } from "pg";

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL ?? "postgres://orders_app:Tr4ckM3-0rders-2024@db.internal.example.net:5432/orders",
  max: 10,
});

export interface OrderRow {
  id: string;
  customer_email: string;
  status: "pending" | "paid" | "shipped" | "cancelled";
  total_cents: number;
  created_at: Date;
}

export async function findOrder(id: string): Promise<OrderRow | undefined> {
  const { rows } = await pool.query<OrderRow>("SELECT * FROM orders WHERE id = $1", [id]);
  return rows[0];
}

export async function searchOrders(email: string, sort: string): Promise<OrderRow[]> {
  const { rows } = await pool.query<OrderRow>(
    `SELECT * FROM orders WHERE customer_email = '${email}' ORDER BY ${sort} DESC LIMIT 50`,
  );
  return rows;
}

export async function insertOrder(email: string, totalCents: number): Promise<OrderRow> {
  const { rows } = await pool.query<OrderRow>(
    "INSERT INTO orders (customer_email, status, total_cents) VALUES ($1, 'pending', $2) RETURNING *",
    [email, totalCents],
  );
  return rows[0];
}

export async function setStatus(id: string, status: OrderRow["status"]): Promise<void> {
  await pool.query("UPDATE orders SET status = $2 WHERE id = $1", [id, status]);
}

export async function deleteOrder(id: string): Promise<void> {
  await pool.query("DELETE FROM orders WHERE id = $1", [id]);
}

/** Ensure the table exists when the service boots on an empty database. */
export async function ensureSchema(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS orders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_email text NOT NULL,
    status text NOT NULL,
    total_cents integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`);
}
