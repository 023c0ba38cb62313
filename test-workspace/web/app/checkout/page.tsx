"use client";

import { useState, type FormEvent } from "react";
import { useCart } from "../../hooks/useCart";
import { placeOrder } from "../../lib/api";
import { CartSummary } from "../../components/cart";

export default function CheckoutPage() {
  const { items, clear } = useCart();
  const [email, setEmail] = useState("");
  const [orderId, setOrderId] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const order = await placeOrder({ email, items });
    clear();
    setOrderId(order.id);
  }

  if (orderId) return <p>Thanks! Your order number is {orderId}.</p>;

  return (
    <form onSubmit={handleSubmit}>
      <CartSummary items={items} />
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <button type="submit">Place order</button>
    </form>
  );
}
