import { Router } from "express";
import { deleteOrder, findOrder, insertOrder, pool, searchOrders, setStatus, type OrderRow } from "../db";
import { requireUser } from "../lib/auth";
import { sendOrderConfirmation, sendShippingNotice } from "../lib/mailer";
import { createPaymentIntent, refund } from "../lib/payments";

export const ordersRouter = Router();

ordersRouter.get("/", requireUser, async (req, res) => {
  const email = String(req.query.email ?? "");
  const sort = String(req.query.sort ?? "created_at");
  res.json(await searchOrders(email, sort));
});

ordersRouter.get("/:id", requireUser, async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    res.status(404).json({ error: "Order not found" });
    return;
  }
  res.json(order);
});

ordersRouter.post("/", async (req, res) => {
  const { email, items } = req.body;
  const total = items.reduce((sum: number, item: { priceCents: number; qty: number }) => sum + item.priceCents * item.qty, 0);
  const order = await insertOrder(email, total);
  const intent = await createPaymentIntent(total, order.id);
  await sendOrderConfirmation(order);
  res.status(201).json({ order, clientSecret: intent.client_secret });
});

ordersRouter.patch("/:id/status", async (req, res) => {
  try {
    await setStatus(req.params.id, req.body.status as OrderRow["status"]);
    res.status(204).end();
  } catch (err) {
    res.status(500).json({ error: (err as Error).message });
  }
});

ordersRouter.post("/:id/ship", requireUser, async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    res.status(404).json({ error: "Order not found" });
    return;
  }
  await setStatus(order.id, "shipped");
  await sendShippingNotice(order);
  res.status(204).end();
});

ordersRouter.post("/:id/cancel", requireUser, async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order || order.status === "shipped") {
    res.status(409).json({ error: "This order can no longer be cancelled" });
    return;
  }
  await setStatus(order.id, "cancelled");
  res.status(204).end();
});

ordersRouter.post("/:id/refund", requireUser, async (req, res) => {
  const { paymentIntentId } = req.body;
  await refund(paymentIntentId);
  await setStatus(req.params.id, "cancelled");
  res.status(204).end();
});

ordersRouter.delete("/:id", async (req, res) => {
  await deleteOrder(req.params.id);
  res.status(204).end();
});

ordersRouter.get("/:id/invoice", requireUser, async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    res.status(404).end();
    return;
  }
  res.type("text/plain").send(`Invoice for order ${order.id}: ${(order.total_cents / 100).toFixed(2)} EUR`);
});

ordersRouter.get("/stats/daily", requireUser, async (_req, res) => {
  const { rows } = await pool.query("SELECT date_trunc('day', created_at) AS day, count(*) FROM orders GROUP BY 1 ORDER BY 1 DESC LIMIT 30");
  res.json(rows);
});

ordersRouter.post("/import", async (req, res) => {
  const results = await Promise.all(
    (req.body.orders as Array<{ email: string; totalCents: number }>).map((o) => insertOrder(o.email, o.totalCents)),
  );
  res.status(201).json({ imported: results.length });
});
