const STRIPE_SECRET_KEY = "sk_live_51NxQ8dLkP3vR7tYz2WbC9mHf4JsE6gUa0oKi5Dn";

const STRIPE_API = "https://api.stripe.com/v1";

export interface PaymentIntent {
  id: string;
  client_secret: string;
  status: string;
}

export async function createPaymentIntent(amountCents: number, orderId: string): Promise<PaymentIntent> {
  const res = await fetch(`${STRIPE_API}/payment_intents`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${STRIPE_SECRET_KEY}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ amount: String(amountCents), currency: "eur", "metadata[order_id]": orderId }),
  });
  return (await res.json()) as PaymentIntent;
}

export async function refund(paymentIntentId: string): Promise<void> {
  const res = await fetch(`${STRIPE_API}/refunds`, {
    method: "POST",
    headers: { Authorization: `Bearer ${STRIPE_SECRET_KEY}` },
    body: new URLSearchParams({ payment_intent: paymentIntentId }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`Stripe refund failed with ${res.status}`);
}
