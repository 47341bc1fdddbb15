import { WrapPoints } from './wrap-points.tsx';

interface Contact {
  contactPerson?: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** How to reach an organisation: contact person, phone, e-mail and address, one to a line. */
export function ContactLines({ contact }: { contact: Contact }) {
  const lines = [
    contact.contactPerson && <span key="person">{contact.contactPerson}</span>,
    contact.phone && <span key="phone">{contact.phone}</span>,
    contact.email && (
      <span key="email">
        <WrapPoints text={contact.email} />
      </span>
    ),
    contact.address && (
      <span key="address" className="pre-wrap">
        {contact.address}
      </span>
    ),
  ].filter(Boolean);
  return <span className="stacked-lines">{lines}</span>;
}
