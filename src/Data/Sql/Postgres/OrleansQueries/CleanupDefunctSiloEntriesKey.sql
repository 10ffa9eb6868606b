-- Status 3 is Active: only silos that stopped heart-beating and are no longer active are removed.
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
