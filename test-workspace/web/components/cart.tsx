import type { CartItem } from "../hooks/useCart";
import type { Order } from "../lib/api";

function LineItem({ item }: { item: CartItem }) {
  return (
    <li>
      {item.qty} × {item.name}
    </li>
  );
}

function Subtotal({ items }: { items: CartItem[] }) {
  const cents = items.reduce((sum, i) => sum + i.priceCents * i.qty, 0);
  return <p className="subtotal">Subtotal: {(cents / 100).toFixed(2)} €</p>;
}

function ShippingNote() {
  return <p className="note">Free shipping from 30 €.</p>;
}

export function CartSummary({ items }: { items: CartItem[] }) {
  if (items.length === 0) return <EmptyCart />;
  return (
    <section>
      <ul>
        {items.map((item) => (
          <LineItem key={item.productId} item={item} />
        ))}
      </ul>
      <Subtotal items={items} />
      <ShippingNote />
    </section>
  );
}

function EmptyCart() {
  return <p>Your cart is empty.</p>;
}

function OrderStatus({ status }: { status: Order["status"] }) {
  return <span className={`status status-${status}`}>{status}</span>;
}

function OrderRow({ order }: { order: Order }) {
  return (
    <tr>
      <td>{order.id}</td>
      <td>
        <OrderStatus status={order.status} />
      </td>
      <td>{(order.totalCents / 100).toFixed(2)} €</td>
    </tr>
  );
}

export function OrderList({ orders }: { orders: Order[] }) {
  return (
    <table>
      <tbody>
        {orders.map((o) => (
          <OrderRow key={o.id} order={o} />
        ))}
      </tbody>
    </table>
  );
}
