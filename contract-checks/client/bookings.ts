// A partner's typed client of scheduling-service, written against the types openapi-typescript
// generates from openapi/openapi.yaml. The check compiles it with tsc --strict: if the document
// stopped marking a booking's fields required, or renamed what these calls use, this stops compiling.
import type { components, paths } from "../target/generated/scheduling-service";

type Booking = components["schemas"]["Booking"];
type BookingPage = components["schemas"]["BookingPage"];
type BookingRequest = components["schemas"]["BookingRequest"];
type Problem = components["schemas"]["Problem"];

/** True only when K is a required (not optional) key of T. */
type IsRequired<T, K extends keyof T> = Record<string, never> extends Pick<T, K> ? false : true;

// Compile-time proofs: each line fails to compile when the field turns optional (`id?`).
const bookingIdIsRequired: IsRequired<Booking, "id"> = true;
const bookingStartIsRequired: IsRequired<Booking, "start"> = true;
const pageItemsAreRequired: IsRequired<BookingPage, "items"> = true;
const problemCodeIsRequired: IsRequired<Problem, "code"> = true;
export const proofs = [bookingIdIsRequired, bookingStartIsRequired, pageItemsAreRequired, problemCodeIsRequired];

type ListQuery = NonNullable<paths["/api/v1/bookings"]["get"]["parameters"]["query"]>;
type Created = paths["/api/v1/bookings"]["post"]["responses"]["201"]["content"]["application/json"];
type Listed = paths["/api/v1/bookings"]["get"]["responses"]["200"]["content"]["application/json"];

export class BookingsClient {
    constructor(private readonly baseUrl: string, private readonly token: string) {}

    /** Books a meeting; the id it answers with is a string, never undefined. */
    async book(request: BookingRequest): Promise<Created> {
        const response = await fetch(`${this.baseUrl}/api/v1/bookings`, {
            method: "POST",
            headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
            body: JSON.stringify(request),
        });
        return this.read<Created>(response, 201);
    }

    /** One page of the organization's bookings. */
    async list(query: ListQuery = {}): Promise<Listed> {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) {
            if (value !== undefined) {
                params.set(key, String(value));
            }
        }
        const response = await fetch(`${this.baseUrl}/api/v1/bookings?${params}`, {
            headers: { Authorization: `Bearer ${this.token}` },
        });
        return this.read<Listed>(response, 200);
    }

    private async read<T>(response: Response, expected: number): Promise<T> {
        if (response.status !== expected) {
            const problem = (await response.json()) as Problem;
            throw new Error(`${problem.status} ${problem.code}: ${problem.title}`);
        }
        return (await response.json()) as T;
    }
}

/** Books and reads the bookings back: the ids of what was booked are plain strings. */
export async function bookAndList(client: BookingsClient, request: BookingRequest): Promise<string[]> {
    const booked: Booking = await client.book(request);
    const bookedId: string = booked.id;
    const page = await client.list({ size: 50 });
    return [bookedId, ...page.items.map((b) => b.id)];
}
