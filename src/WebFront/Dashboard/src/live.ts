import * as signalR from "@microsoft/signalr";

/** One event of the cluster feed, as /hubs/dashboard sends it. */
export interface LiveEvent {
  id: string;
  type: string;
  topic: string;
  subject: string | null;
  at: string;
  data: any;
}

type Listener = (events: LiveEvent[]) => void;

/**
 * The page's one connection to /hubs/dashboard (the session cookie authenticates it). Components subscribe to topics;
 * the connection joins each topic once and rejoins after a reconnect.
 */
class LiveFeed {
  private connection: signalR.HubConnection | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private started: Promise<void> | null = null;

  private ensure(): Promise<void> {
    if (this.started) {
      return this.started;
    }
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/dashboard")
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("events", (batch: LiveEvent[]) => {
      const byTopic = new Map<string, LiveEvent[]>();
      for (const e of batch) {
        byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
      }
      for (const [topic, events] of byTopic) {
        this.listeners.get(topic)?.forEach((listener) => listener(events));
      }
    });
    connection.onreconnected(() => {
      for (const topic of this.listeners.keys()) {
        void connection.invoke("Subscribe", topic).catch(() => undefined);
      }
    });
    this.connection = connection;
    this.started = connection.start();
    return this.started;
  }

  /** Calls `listener` with each batch of `topic` events; returns the unsubscribe function. */
  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    const first = !set;
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    if (first) {
      void this.ensure().then(() => this.connection!.invoke("Subscribe", topic)).catch(() => undefined);
    }
    return () => {
      set!.delete(listener);
      if (set!.size === 0) {
        this.listeners.delete(topic);
        void this.connection?.invoke("Unsubscribe", topic).catch(() => undefined);
      }
    };
  }

  async stop(): Promise<void> {
    await this.connection?.stop();
    this.connection = null;
    this.started = null;
  }
}

export const live = new LiveFeed();
