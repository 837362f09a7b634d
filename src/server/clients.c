/*
 * clients.c — open connections per client address, so that one client
 * cannot take every connection (`--max-per-client`, answered with 429).
 * A small open-addressing table of exact addresses under one mutex; it
 * is touched once when a connection opens and once when it closes.
 */
#include "server.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Slots: more than the connections that can be open at once (the hard
 * limit), so the table never fills up. */
enum { CLIENT_SLOTS = 8192 };

typedef struct {
	unsigned char addr[16]; /* IPv4 mapped into IPv6 */
	unsigned count;         /* 0: free */
} client_slot;

struct clients {
	pthread_mutex_t lock;
	size_t used;
	client_slot slot[CLIENT_SLOTS];
};

clients *clients__new(void)
{
	clients *c = calloc(1, sizeof(*c));

	if (c && pthread_mutex_init(&c->lock, NULL)) {
		free(c);
		return NULL;
	}
	return c;
}

void clients__free(clients *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static int address_key(const struct sockaddr *sa, unsigned char key[16])
{
	memset(key, 0, 16);
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &in->sin_addr, 4);
		return 0;
	}
	if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		memcpy(key, &in6->sin6_addr, 16);
		return 0;
	}
	return -1;
}

static size_t hash(const unsigned char key[16])
{
	/* FNV-1a */
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	return h % CLIENT_SLOTS;
}

/* The slot of key, or the empty slot where it would go. */
static size_t find(const clients *c, const unsigned char key[16])
{
	size_t i = hash(key);

	while (c->slot[i].count && memcmp(c->slot[i].addr, key, 16))
		i = (i + 1) % CLIENT_SLOTS;
	return i;
}

unsigned clients__enter(clients *c, const struct sockaddr *addr, unsigned char key[16])
{
	unsigned n = 0;
	size_t i;

	if (!c || address_key(addr, key))
		return 0;
	pthread_mutex_lock(&c->lock);
	i = find(c, key);
	if (c->slot[i].count)
		n = ++c->slot[i].count;
	else if (c->used + 1 < CLIENT_SLOTS) {
		/* A full table (more addresses than slots) counts no one new:
		 * the server-wide limit still holds. */
		memcpy(c->slot[i].addr, key, 16);
		n = c->slot[i].count = 1;
		c->used++;
	}
	pthread_mutex_unlock(&c->lock);
	return n;
}

void clients__leave(clients *c, const unsigned char key[16])
{
	size_t i, j;

	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	i = find(c, key);
	if (c->slot[i].count && --c->slot[i].count == 0) {
		/* Deletion by backward shift (Knuth, TAOCP vol. 3, algorithm
		 * 6.4R): later entries of the probe run move up, so a look-up
		 * never stops early at the hole. */
		c->used--;
		for (j = (i + 1) % CLIENT_SLOTS; c->slot[j].count; j = (j + 1) % CLIENT_SLOTS) {
			size_t k = hash(c->slot[j].addr);
			bool move = i <= j ? (k <= i || k > j) : (k <= i && k > j);
			if (move) {
				c->slot[i] = c->slot[j];
				c->slot[j].count = 0;
				i = j;
			}
		}
	}
	pthread_mutex_unlock(&c->lock);
}
