import nodemailer from "nodemailer";
import type { OrderRow } from "../db";

const transport = nodemailer.createTransport({
  host: "smtp.sendgrid.net",
  port: 587,
  auth: {
    user: "apikey",
    pass: "SG.shipshapeFakeKey0001.FakeSecretForTheShipshapeTestWorkspace000001",
  },
});

export async function sendOrderConfirmation(order: OrderRow): Promise<void> {
  try {
    await transport.sendMail({
      from: "orders@shop.example.com",
      to: order.customer_email,
      subject: `Order ${order.id} confirmed`,
      text: `Thanks! We received your order of ${(order.total_cents / 100).toFixed(2)} EUR.`,
    });
  } catch (err) {
  }
}

export async function sendShippingNotice(order: OrderRow): Promise<void> {
  try {
    await transport.sendMail({
      from: "orders@shop.example.com",
      to: order.customer_email,
      subject: `Order ${order.id} is on its way`,
      text: "Your parcel left our warehouse today.",
    });
  } catch {
    // Best effort: the tracking page shows the same information, and the nightly digest retries.
  }
}

export function sendReceiptLater(order: OrderRow): void {
  setTimeout(() => {
    transport.sendMail({ to: order.customer_email, subject: "Your receipt", text: "Attached." }).catch(() => {});
  }, 60_000);
}

export function verifyTransport(): Promise<boolean> {
  return transport.verify().then(() => true).catch(() => false);
}
