print("failover bench")
